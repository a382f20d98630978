"""The console script's subcommands; each imports only what it needs (`check` runs on save)."""
