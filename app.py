"""Backprop Lab: the router. Start it with ``streamlit run app.py``.

Every run draws the shared sidebar, then the page chosen in the navigation. The pages and their
sections come from the course registry in ``ui/navigation.py``.
"""

from ui.layout import configure_app
from ui.navigation import build_navigation
from ui.sidebar import render_sidebar

configure_app()
page = build_navigation()
render_sidebar()
page.run()
