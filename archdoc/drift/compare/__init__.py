"""The comparisons, one function per kind, grouped by area; a kind's reader
(``archdoc.drift.readers``) names its comparison.

A comparer takes (context, model id, model resource, live resource) and returns the attributes
that differ, compared by AWS's rules rather than the model's spelling.
"""
