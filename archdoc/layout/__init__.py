"""The one layout every figure and format shares: model -> scene -> Graphviz positions."""
