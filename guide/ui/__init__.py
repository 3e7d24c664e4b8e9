"""Generic Streamlit renderers: the only part of ``guide`` that imports Streamlit."""
