"""SPARQL for careergraph: named queries and their parameters, the guard on user
queries, values, results and their formats, and timeouts."""
