"""The report: its typed contract, the explanations and questions in it, and every way it is rendered."""
