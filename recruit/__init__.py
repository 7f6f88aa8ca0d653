"""recruit: applicant tracking for KPO recruiting. ``create_app`` builds the Flask application."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application; ``config`` overrides everything else (tests pass their own)."""
    instance_path = os.environ.get("RECRUIT_INSTANCE_PATH") or (config or {}).get("INSTANCE_PATH") \
        or str(ROOT / "instance")
    app = Flask(
        __name__,
        instance_path=instance_path,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from recruit.config import load_config

    load_config(app, config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from recruit import models  # noqa: F401  (so every table is known to SQLAlchemy and Alembic)
    from recruit import http
    from recruit.extensions import csrf, db, limiter, login_manager, migrate

    http.init_app(app)  # first: its hooks cap the body and count rate limits before CSRF reads the form
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    from recruit import tasks

    tasks.init_app(app)

    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            from sqlalchemy import event

            @event.listens_for(db.engine, "connect")
            def sqlite_pragmas(dbapi_connection, _record):
                # Foreign keys for ON DELETE rules; WAL so the web server and the worker can share the file.
                cursor = dbapi_connection.cursor()
                cursor.execute("PRAGMA foreign_keys=ON")
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA busy_timeout=10000")
                cursor.close()

    @login_manager.user_loader
    def load_user(session_id: str):
        # The session and the remember-me cookie both name "id:version"; an older version has been signed out.
        from recruit.services.users import user_for_session

        return user_for_session(session_id)

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
        )
        return response


def register_blueprints(app: Flask) -> None:
    from recruit.admin.routes import bp as admin_bp
    from recruit.auth.routes import bp as auth_bp
    from recruit.candidates.routes import bp as candidates_bp
    from recruit.imports.routes import bp as imports_bp
    from recruit.jobs.routes import bp as jobs_bp
    from recruit.main.routes import bp as main_bp
    from recruit.email.routes import bp as email_bp
    from recruit.interviews.routes import bp as interviews_bp
    from recruit.campus.routes import bp as campus_bp
    from recruit.clients.routes import bp as clients_bp
    from recruit.public.routes import bp as public_bp
    from recruit.reports.routes import bp as reports_bp
    from recruit.pipeline.routes import bp as pipeline_bp
    from recruit.review.routes import bp as review_bp
    from recruit.api.routes import bp as api_bp
    from recruit.api.docs import ApiDocs
    from recruit.briefs.routes import bp as briefs_bp
    from recruit.catalogue.routes import bp as catalogue_bp
    from recruit.partners.routes import bp as partners_bp

    from recruit.recommendations.routes import bp as recommendations_bp

    for bp in (main_bp, auth_bp, admin_bp, jobs_bp, candidates_bp, imports_bp, review_bp, pipeline_bp, email_bp,
               interviews_bp, reports_bp, public_bp, campus_bp, clients_bp, briefs_bp, catalogue_bp, partners_bp,
               recommendations_bp):
        app.register_blueprint(bp)
    docs = ApiDocs(app)  # one per app: the OpenAPI document is built from this app's routes
    docs.register_blueprint(api_bp)
    app.extensions["api_docs"] = docs


def register_errorhandlers(app: Flask) -> None:
    from recruit.errors import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from recruit.templating import register

    register(app)


def register_commands(app: Flask) -> None:
    from recruit.cli import register

    register(app)
