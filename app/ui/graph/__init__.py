"""The live network graph, in rooms: every layer a column of nodes, every weight an edge.

- ``layout``      where everything sits and which edges are drawn how: plain numpy, no Qt;
- ``hover_text``  what the hover card says about a neuron or an edge: plain functions;
- ``style``       colours, pens and text items the rooms share;
- ``items``       the fast self-painting scene items (an edge layer, a node column) and
                  ``OverlayItem``, the base of an item that holds sub-items;
- ``edges``       every weight layer's edges, binned by sign and size;
- ``nodes``       the round nodes, filled by activation;
- ``input_image``, ``selection``, ``hover``, ``lesson_overlay``, ``lab_marks``: one scene
  item per overlay, each owning its sub-items;
- ``texts``       the column titles, "… N more" labels, output digits and the calm note;
- ``toolbar``     the edge-mode and strongest-share switches and the legend;
- ``view``        ``NetworkGraphView``, the widget that composes them.

This file imports nothing, so ``app.ui.graph.layout`` loads without Qt.
"""
