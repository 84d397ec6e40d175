"""``chronik-csp``: a Content-Security-Policy for every built page, with hashes of its inline scripts."""
