"""Account reviews: a manager or the owner marks an account (or one of its deals) "reviewed"; every mark
is kept. The review deck's "what changed" and health trend run from the last mark (see io.export)."""
