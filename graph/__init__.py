"""govgraph: Chinese government documents → a graph of who governs what."""
import logging

__version__ = "0.1.0"
logging.getLogger(__name__).addHandler(logging.NullHandler())
