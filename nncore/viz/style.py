"""One palette for every figure, so a colour means the same thing on every page."""

FORWARD = "#1f6feb"  # forward values (above edges, blue)
GRADIENT = "#cf222e"  # gradients flowing back (below edges, red)
ACTIVE = "#f0a800"  # the node or layer of the current step
NODE = "#eaeef2"  # a node's fill
NODE_LINE = "#57606a"  # node outlines and edges, and axis zero lines
GRID = "#eaeef2"  # grid lines of plots
MUTED = "#afb8c1"  # what is not reached yet
POSITIVE = "#1f77b4"  # positive weights (as TensorFlow Playground: blue)
NEGATIVE = "#ff7f0e"  # negative weights (orange)

# Diverging scale for signed matrices: negative orange, zero white, positive blue.
DIVERGING = [[0.0, NEGATIVE], [0.5, "#ffffff"], [1.0, POSITIVE]]

# Class colours for decision boundaries and scatter plots (colour-blind safe, Okabe–Ito).
CLASS_COLOURS = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9",
    "#d55e00", "#f0e442", "#000000", "#999999", "#8c564b",
]

FONT_SIZE = 16  # projector-friendly


def base_layout(title: str = "", height: int = 420) -> dict:
    """Layout shared by every figure: white background, readable font, tight margins."""
    return {
        "title": {"text": title},
        "height": height,
        "margin": {"l": 40, "r": 20, "t": 50 if title else 20, "b": 40},
        "font": {"size": FONT_SIZE},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "showlegend": False,
    }


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """"#1f77b4" → (31, 119, 180)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def tint(colour: str, white: float) -> str:
    """``colour`` mixed with a fraction ``white`` of white, as "rgb(r,g,b)" (0: the colour,
    1: white). Decision regions use light tints so that the points on them stay visible."""
    r, g, b = (round(c + (255 - c) * white) for c in hex_to_rgb(colour))
    return f"rgb({r},{g},{b})"


def class_colour(k: int) -> str:
    """The colour of class ``k`` (classes beyond the palette reuse it)."""
    return CLASS_COLOURS[k % len(CLASS_COLOURS)]
