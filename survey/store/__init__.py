"""Storage: the tables (models/), database settings, upserts, running tallies, and the services that read and
write responses, engagements, accounts and round data. Services own their unit of work; models never commit.

May import the domain and the extensions (`db`); never documents, web code or blueprints.
"""
