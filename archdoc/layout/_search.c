/* The route search's inner loop (A* on the lattice), compiled.
 *
 * The same search as ``archdoc.layout.search.search_py``, move for move: the same states, the
 * same costs computed in the same order of floating-point operations (built with
 * -ffp-contract=off, so no fused multiply-add changes a sum), the same priority order (the
 * estimate, then the cost furthest along, then the order pushed) and the same goal port. A
 * route found here is the route the Python loop finds; a test holds the two to that on
 * generated lattices, and the outputs of every example are byte-identical with either.
 *
 * Everything figure-specific stays in Python: the lattice's open stretches and solid points
 * come from its own (lazy, cached) methods, the flows before from the ``Usage`` tables, the
 * ports and the path's points from the caller. This file only searches.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { RIGHT = 0, LEFT = 1, DOWN = 2, UP = 3 };

typedef struct {
    double f;        /* cost so far + the heuristic */
    double neg;      /* minus the cost so far: among equal estimates, furthest along first */
    int64_t counter; /* order pushed: the last tie-break, unique */
    int64_t state;   /* (i * ny + j) * 4 + direction */
} Entry;

typedef struct {
    Entry *items;
    Py_ssize_t size, capacity;
} Heap;

static int before(const Entry *a, const Entry *b) {
    if (a->f != b->f) return a->f < b->f;
    if (a->neg != b->neg) return a->neg < b->neg;
    return a->counter < b->counter;
}

static int heap_push(Heap *h, Entry e) {
    if (h->size == h->capacity) {
        Py_ssize_t grown = h->capacity ? h->capacity * 2 : 1024;
        Entry *items = realloc(h->items, (size_t)grown * sizeof(Entry));
        if (items == NULL) return -1;
        h->items = items;
        h->capacity = grown;
    }
    Py_ssize_t k = h->size++;
    while (k > 0) {
        Py_ssize_t up = (k - 1) / 2;
        if (!before(&e, &h->items[up])) break;
        h->items[k] = h->items[up];
        k = up;
    }
    h->items[k] = e;
    return 0;
}

static Entry heap_pop(Heap *h) {
    Entry top = h->items[0];
    Entry last = h->items[--h->size];
    Py_ssize_t k = 0, n = h->size;
    for (;;) {
        Py_ssize_t child = 2 * k + 1;
        if (child >= n) break;
        if (child + 1 < n && before(&h->items[child + 1], &h->items[child])) child++;
        if (!before(&h->items[child], &last)) break;
        h->items[k] = h->items[child];
        k = child;
    }
    if (n > 0) h->items[k] = last;
    return top;
}

/* A row of bytes from one of the lattice's methods (h_open, v_open, solid), fetched once per
 * search and held until it ends. */
typedef struct {
    PyObject *method;
    PyObject **held;
    Py_ssize_t count;
} Rows;

static const unsigned char *row_of(Rows *rows, Py_ssize_t k) {
    if (rows->held[k] == NULL) {
        PyObject *found = PyObject_CallFunction(rows->method, "n", k);
        if (found == NULL) return NULL;
        if (!PyBytes_Check(found)) {
            Py_DECREF(found);
            PyErr_SetString(PyExc_TypeError, "a lattice row must be bytes");
            return NULL;
        }
        rows->held[k] = found;
    }
    return (const unsigned char *)PyBytes_AS_STRING(rows->held[k]);
}

static void rows_free(Rows *rows) {
    if (rows->held == NULL) return;
    for (Py_ssize_t k = 0; k < rows->count; k++) Py_XDECREF(rows->held[k]);
    free(rows->held);
}

static int rows_init(Rows *rows, PyObject *method, Py_ssize_t count) {
    rows->method = method;
    rows->count = count;
    rows->held = calloc((size_t)(count ? count : 1), sizeof(PyObject *));
    return rows->held == NULL ? -1 : 0;
}

/* The flows on a stretch (a dict point -> flows; 0 when absent): -1 on error. */
static long taken_at(PyObject *table, int64_t at) {
    if (PyDict_GET_SIZE(table) == 0) return 0;
    PyObject *key = PyLong_FromLongLong(at);
    if (key == NULL) return -1;
    PyObject *found = PyDict_GetItemWithError(table, key);
    Py_DECREF(key);
    if (found == NULL) return PyErr_Occurred() ? -1 : 0;
    return PyLong_AsLong(found);
}

/* Whether a set of points holds ``at``: -1 on error. */
static int crossed_at(PyObject *points, int64_t at) {
    if (PySet_GET_SIZE(points) == 0) return 0;
    PyObject *key = PyLong_FromLongLong(at);
    if (key == NULL) return -1;
    int found = PySet_Contains(points, key);
    Py_DECREF(key);
    return found;
}

static int doubles(PyObject *seq, double **out, Py_ssize_t *n) {
    PyObject *fast = PySequence_Fast(seq, "expected a sequence of numbers");
    if (fast == NULL) return -1;
    *n = PySequence_Fast_GET_SIZE(fast);
    *out = malloc((size_t)(*n ? *n : 1) * sizeof(double));
    if (*out == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < *n; k++) {
        (*out)[k] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fast, k));
        if ((*out)[k] == -1.0 && PyErr_Occurred()) {
            Py_DECREF(fast);
            return -1;
        }
    }
    Py_DECREF(fast);
    return 0;
}

/* Whether the lattice's lines come in order (each at or after the one before). */
static int in_order(const double *v, Py_ssize_t n) {
    for (Py_ssize_t k = 1; k < n; k++)
        if (!(v[k] >= v[k - 1])) return 0;
    return 1;
}

typedef struct {
    int64_t cell;
    int side;
    double taken; /* PORT_TAKEN * the flows already using the port */
} Goal;

static PyObject *search(PyObject *self, PyObject *args) {
    PyObject *xs_seq, *ys_seq, *h_open, *v_open, *solid, *h_taken, *v_taken, *across_h,
        *across_v, *starts, *goals_seq;
    double gx0, gx1, gy0, gy1, bx0, bx1, by0, by1, greed, share, cross, bend;
    long long limit;
    if (!PyArg_ParseTuple(args, "OOOOOO!O!O!O!O!O!(dddd)(dddd)ddddL", &xs_seq, &ys_seq,
                          &h_open, &v_open, &solid, &PyDict_Type, &h_taken, &PyDict_Type,
                          &v_taken, &PySet_Type, &across_h, &PySet_Type, &across_v,
                          &PyList_Type, &starts, &PyList_Type, &goals_seq, &gx0, &gx1, &gy0,
                          &gy1, &bx0, &bx1, &by0, &by1, &greed, &share, &cross, &bend, &limit))
        return NULL;

    PyObject *result = NULL;
    double *xs = NULL, *ys = NULL, *best = NULL;
    int64_t *parent = NULL;
    unsigned char *seen = NULL;
    Goal *goals = NULL;
    Heap heap = {NULL, 0, 0};
    Rows open_rows = {0}, open_columns = {0}, solid_rows = {0};
    Py_ssize_t nx, ny;
    if (doubles(xs_seq, &xs, &nx) < 0 || doubles(ys_seq, &ys, &ny) < 0) goto done;
    /* Every move must cost something: a step back along a line out of order, or a negative
     * price, would make a loop cheaper each time round, and the path traced back from the
     * goal would never reach a start. */
    if (!in_order(xs, nx) || !in_order(ys, ny) || !(share >= 0.0 && cross >= 0.0 &&
                                                     bend >= 0.0 && greed >= 0.0)) {
        PyErr_SetString(PyExc_ValueError, "route search: the lattice's lines must be in order "
                                          "and every price at least 0");
        goto done;
    }
    if (rows_init(&open_rows, h_open, ny) < 0 || rows_init(&open_columns, v_open, nx) < 0 ||
        rows_init(&solid_rows, solid, ny) < 0) {
        PyErr_NoMemory();
        goto done;
    }
    size_t states = (size_t)nx * (size_t)ny * 4;
    /* untouched pages of these are never materialised: a search visits a small part */
    best = malloc((states ? states : 1) * sizeof(double));
    parent = malloc((states ? states : 1) * sizeof(int64_t));
    seen = calloc(states ? states : 1, 1);
    Py_ssize_t n_goals = PyList_GET_SIZE(goals_seq);
    goals = malloc((size_t)(n_goals ? n_goals : 1) * sizeof(Goal));
    if (best == NULL || parent == NULL || seen == NULL || goals == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n_goals; k++) {
        long long cell;
        int side;
        double taken;
        if (!PyArg_ParseTuple(PyList_GET_ITEM(goals_seq, k), "Lid", &cell, &side, &taken))
            goto done;
        goals[k].cell = cell;
        goals[k].side = side;
        goals[k].taken = taken;
    }

    int64_t counter = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(starts); k++) {
        long long state;
        double g0;
        if (!PyArg_ParseTuple(PyList_GET_ITEM(starts, k), "Ld", &state, &g0)) goto done;
        if (seen[state] && !(g0 < best[state])) continue;
        int64_t cell = state >> 2;
        double x = xs[cell / ny], y = ys[cell % ny];
        double hx = fmax(fmax(gx0 - x, 0.0), x - gx1), hy = fmax(fmax(gy0 - y, 0.0), y - gy1);
        best[state] = g0;
        seen[state] = 1;
        parent[state] = -1;
        Entry e = {g0 + greed * (hx + hy), -g0, counter++, state};
        if (heap_push(&heap, e) < 0) {
            PyErr_NoMemory();
            goto done;
        }
    }

    long long expansions = 0;
    int64_t found = -1;
    Py_ssize_t found_goal = -1;
    while (heap.size > 0) {
        Entry top = heap_pop(&heap);
        int64_t state = top.state;
        double g = -top.neg;
        if (g > best[state]) continue;
        int64_t cell = state >> 2;
        int d = (int)(state & 3);
        Py_ssize_t chosen = -1;
        double chosen_key = 0.0;
        for (Py_ssize_t k = 0; k < n_goals; k++) {
            if (goals[k].cell != cell) continue;
            double key = (d != (goals[k].side ^ 1) ? bend : 0.0) + goals[k].taken;
            if (chosen < 0 || key < chosen_key) {
                chosen = k;
                chosen_key = key;
            }
        }
        if (chosen >= 0 && d != goals[chosen].side) { /* not arriving from inside the icon */
            found = state;
            found_goal = chosen;
            break;
        }
        expansions++;
        if (expansions > limit) break;
        Py_ssize_t i = (Py_ssize_t)(cell / ny), j = (Py_ssize_t)(cell % ny);
        const unsigned char *row = row_of(&open_rows, j);
        const unsigned char *column = row == NULL ? NULL : row_of(&open_columns, i);
        if (column == NULL) goto done;
        double x = xs[i], y = ys[j];
        int nd_of[4], n_moves = 0;
        Py_ssize_t i2_of[4], j2_of[4];
        int64_t at_of[4];
        double step_of[4];
        if (d != LEFT && i + 1 < nx && row[i]) {
            nd_of[n_moves] = RIGHT, i2_of[n_moves] = i + 1, j2_of[n_moves] = j;
            at_of[n_moves] = cell, step_of[n_moves++] = xs[i + 1] - x;
        }
        if (d != RIGHT && i > 0 && row[i - 1]) {
            nd_of[n_moves] = LEFT, i2_of[n_moves] = i - 1, j2_of[n_moves] = j;
            at_of[n_moves] = cell - ny, step_of[n_moves++] = x - xs[i - 1];
        }
        if (d != UP && j + 1 < ny && column[j]) {
            nd_of[n_moves] = DOWN, i2_of[n_moves] = i, j2_of[n_moves] = j + 1;
            at_of[n_moves] = cell, step_of[n_moves++] = ys[j + 1] - y;
        }
        if (d != DOWN && j > 0 && column[j - 1]) {
            nd_of[n_moves] = UP, i2_of[n_moves] = i, j2_of[n_moves] = j - 1;
            at_of[n_moves] = cell - 1, step_of[n_moves++] = y - ys[j - 1];
        }
        for (int m = 0; m < n_moves; m++) {
            int nd = nd_of[m];
            Py_ssize_t i2 = i2_of[m], j2 = j2_of[m];
            const unsigned char *solid_row = row_of(&solid_rows, j2);
            if (solid_row == NULL) goto done;
            if (solid_row[i2]) continue;
            double x2 = xs[i2], y2 = ys[j2];
            if (!(bx0 <= x2 && x2 <= bx1 && by0 <= y2 && y2 <= by1)) continue;
            int64_t c2 = (int64_t)i2 * ny + j2;
            int horizontal = nd == RIGHT || nd == LEFT;
            long flows = taken_at(horizontal ? h_taken : v_taken, at_of[m]);
            if (flows == -1 && PyErr_Occurred()) goto done;
            double cost = g + step_of[m] + (nd != d ? bend : 0.0) + share * (double)flows;
            int across = crossed_at(horizontal ? across_h : across_v, c2);
            if (across < 0) goto done;
            if (across) cost += cross;
            int64_t next = c2 * 4 + nd;
            if (!seen[next] || cost < best[next]) {
                best[next] = cost;
                seen[next] = 1;
                parent[next] = state;
                double hx = x2 < gx0 ? gx0 - x2 : (x2 > gx1 ? x2 - gx1 : 0.0);
                double hy = y2 < gy0 ? gy0 - y2 : (y2 > gy1 ? y2 - gy1 : 0.0);
                Entry e = {cost + greed * (hx + hy), -cost, counter++, next};
                if (heap_push(&heap, e) < 0) {
                    PyErr_NoMemory();
                    goto done;
                }
            }
        }
    }

    if (found < 0) {
        result = Py_BuildValue("(LOO)", expansions, Py_None, Py_None);
    } else {
        Py_ssize_t length = 0;
        for (int64_t s = found; s >= 0; s = parent[s]) length++;
        PyObject *path = PyList_New(length);
        if (path == NULL) goto done;
        Py_ssize_t k = length;
        for (int64_t s = found; s >= 0; s = parent[s]) {
            PyObject *item = PyLong_FromLongLong(s);
            if (item == NULL) {
                Py_DECREF(path);
                goto done;
            }
            PyList_SET_ITEM(path, --k, item);
        }
        result = Py_BuildValue("(LnN)", expansions, found_goal, path);
    }

done:
    free(xs);
    free(ys);
    free(best);
    free(parent);
    free(seen);
    free(goals);
    free(heap.items);
    rows_free(&open_rows);
    rows_free(&open_columns);
    rows_free(&solid_rows);
    return result;
}

static PyMethodDef methods[] = {
    {"search", search, METH_VARARGS,
     "search(xs, ys, h_open, v_open, solid, h_taken, v_taken, across_h, across_v, starts, "
     "goals, (gx0, gx1, gy0, gy1), (bx0, bx1, by0, by1), greed, share, cross, bend, limit) "
     "-> (expansions, goal index or None, states from the start to the goal or None)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_search", "The route search's inner loop, compiled.", -1, methods,
};

PyMODINIT_FUNC PyInit__search(void) { return PyModule_Create(&module); }
