"""Hash-chained, PII-free audit log: what happened to which object, provable without seeing the data."""
