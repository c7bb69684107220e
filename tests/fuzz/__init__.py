"""Structure-aware fuzzing of the public JSON documents (see docs/howto/fuzz.md)."""
