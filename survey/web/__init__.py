"""Request plumbing shared by the blueprints: security headers, request log, locale, error pages, template
helpers and translations, health check, downloads, static assets, access checks.

May import documents, store and domain; never a blueprint.
"""
