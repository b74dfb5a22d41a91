"""Work queues claimed with a lease (SKIP LOCKED on PostgreSQL): the shared lease, and the background jobs."""
