"""The decision engine. Its modules are plain Python; the package itself must not import Django,
so that ``decisions.ladder`` can be used (and tested) without it."""
