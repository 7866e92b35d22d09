"""One module per subcommand of ``diagnose``, named as the user types it (``cli.COMMANDS``)."""
