"""What people read: the message catalogue (Bahasa Indonesia first, English second) and the one
writer of numbers, dates and period names in the reader's language and the region's zone.

May import: `shared.rules`, the standard library, pydantic and Babel.
"""
