"""Live Council sessions: a pure state machine over an append-only event log."""
