"""States of the youth app's pages: each a substate of `state.auth.YouthSession`."""
