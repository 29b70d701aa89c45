"""pass Culture: one Reflex app for young users, pros and admins."""
