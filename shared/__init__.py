"""skm-cloud domain package: survey rules as plain data and functions.

Nothing in this package imports a cloud client except `shared.adapters`.
"""
