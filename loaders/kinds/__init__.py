"""The document kinds govgraph understands; importing this registers them."""
from importlib import import_module

for _name in ("task_table", "duty_division", "delegation", "work_plan"):
    try:
        import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as e:  # a kind still being written
        if e.name != f"{__name__}.{_name}":
            raise
