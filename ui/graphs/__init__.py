"""What the "Backprop on graphs" pages share: the graph view stepped through with the player
(:mod:`~ui.graphs.graph_view`), the text of each trace step in the page's language
(:mod:`~ui.graphs.trace_text`) and the patterns-in-backward-flow panel
(:mod:`~ui.graphs.patterns`)."""
