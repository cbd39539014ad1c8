"""``python -m neo4j_server pytest ARGS…``: the tests against a throw-away Neo4j (see the package)."""
import sys

from neo4j_server import main

sys.exit(main())
