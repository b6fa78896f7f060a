"""The scope memo itself, part of the core every room shares: its value (``content``), how it is
built from the engine's assessment or rebuilt from a frozen snapshot (``build``, ``snapshots``),
what its pages need (``page``), its chart (``chart``) and its PDF (``pdf``). The memo room
(scoping.memo) only serves it to readers."""
