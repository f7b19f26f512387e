"""The version of lmskg (a leaf module: every stage may import it)."""

__version__ = "0.1.0"
