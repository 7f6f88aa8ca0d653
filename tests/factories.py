"""factory-boy factories for the models; they write through Flask-SQLAlchemy's session."""
import factory
from factory.alchemy import SQLAlchemyModelFactory

from recruit.extensions import db
from recruit.models import Application, Candidate, Client, Job, User


class Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class UserFactory(Base):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Faker("name")
    role = "recruiter"
    password_hash = "pbkdf2:sha256:1000$x$0"


class ClientFactory(Base):
    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"Client {n} Analytics")
    industry = "Financial services"


class JobFactory(Base):
    class Meta:
        model = Job

    title = factory.Sequence(lambda n: f"Research Analyst {n}")
    slug = factory.Sequence(lambda n: f"research-analyst-{n}")
    status = "open"
    location = "Bengaluru"
    required_skills = factory.LazyFunction(lambda: ["Excel", "Financial modelling"])


class CandidateFactory(Base):
    class Meta:
        model = Candidate

    name = factory.Sequence(lambda n: f"Candidate Number{n}")
    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
    source = "manual"


class ApplicationFactory(Base):
    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateFactory)
    job = factory.SubFactory(JobFactory)
