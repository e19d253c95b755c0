"""The dashboard's building blocks: pure view state, data and charts, plus the Streamlit glue around them."""
