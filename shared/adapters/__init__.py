"""The only modules that talk to cloud services. Each imports its client lazily."""
