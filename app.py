"""Backprop Lab: the router. Start it with ``streamlit run app.py``.

Every run draws the shared sidebar, then the page chosen in the navigation. The pages and their
sections come from the course registry in ``ui/navigation.py``.
"""

# pandas is imported up front, before any page's timer (st.fragment(run_every=...)) runs.
# Streamlit imports it lazily on the first st.table, and plotly's validators check
# isinstance(v, pandas.Series) as soon as pandas is in sys.modules: a first import in a full
# rerun while a fragment tick validated a figure in another thread failed with "partially
# initialized module 'pandas' has no attribute 'Series'".
import pandas  # noqa: F401

from ui.class_share import busy
from ui.layout import configure_app
from ui.navigation import build_navigation
from ui.sidebar import render_sidebar
from ui.threads import freeze_after_first_run, one_blas_thread

one_blas_thread()
with busy():  # somebody waits for this run: the playing sessions let it go first
    configure_app()
    page = build_navigation()
    render_sidebar()
    page.run()
freeze_after_first_run(page.url_path)
