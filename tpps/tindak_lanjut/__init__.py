"""The follow-up register: one list of every task the city owes, with progress."""
