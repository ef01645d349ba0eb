"""Starting and stopping the processes of `forum serve`: embedded Valkey, RQ worker, web."""
