"""SQLAlchemy models, one module per aggregate; imported here so Alembic sees them all."""
from recruit.models.activity import Activity, AuditEvent
from recruit.models.application import CLOSED_STAGES, DEFAULT_STAGES, Application, DemographicResponse
from recruit.models.candidate import (ITEM_STATUSES, SOURCES, Candidate, ImportBatch, ImportItem, ProfileCorrection,
                                      Resume, StoredFile)
from recruit.models.campus import (EVENT_STATUSES, REGISTRATION_STATUSES, ROUND_KINDS, CampusEvent, DriveRound,
                                   EventStatus, Registration, RegistrationDemographic, RegistrationStatus, RoundKind,
                                   RoundResult, RoundSlot)
from recruit.models.client import (CLIENT_STATUSES, Client, ClientContact, ClientDocument, Placement,
                                   RepresentationConsent, Submittal, SubmittalItem)
from recruit.models.consulting import (APPROVAL_STATUSES, BRIEF_STATUSES, COMMON_STANDARDS, CONTACT_KINDS,
                                       RATE_CARD_UNITS, BriefProblem, ClientBrief, ContactLogEntry, Engagement,
                                       FeeApproval, FirmContact, FirmStandard, PartnerFirm, RateCardEntry,
                                       ServiceLine)
from recruit.models.recommendation import (REPORT_DECISIONS, IssuedVersionChanged, RecommendationReport,
                                           ReportDecision, ReportShare, ReportVersion)
from recruit.models.fairness import PREFER_NOT, AuditPublication, DecisionLogEntry, SelfIdAnswer, SelfIdQuestion
from recruit.models.job import EDUCATION_LEVELS, EMPLOYMENT_TYPES, Job, JobStatus
from recruit.models.token import ApiToken, IdempotentRequest
from recruit.models.user import Role, User
from recruit.models.webhook import DELIVERY_STATUSES, WebhookDelivery, WebhookEndpoint, WebhookEvent
from recruit.models.workflow import (CRITERIA, OUTBOX_STATUSES, RECOMMENDATIONS, CandidateFeatures, EmailTemplate,
                                     Interview,
                                     InterviewAssignment, Mention, OutboxMessage, PipelineStage, RejectionReason,
                                     SavedList, SavedSearch,
                                     SearchDocument, SearchTerm, StageChange, Tag)

__all__ = [
    "ApiToken", "IdempotentRequest",

    "APPROVAL_STATUSES", "BRIEF_STATUSES", "COMMON_STANDARDS", "CONTACT_KINDS", "RATE_CARD_UNITS", "BriefProblem",
    "ClientBrief", "ContactLogEntry", "Engagement", "FeeApproval", "FirmContact", "FirmStandard", "PartnerFirm",
    "RateCardEntry", "ServiceLine",
    "REPORT_DECISIONS", "IssuedVersionChanged", "RecommendationReport", "ReportDecision", "ReportShare", "ReportVersion",
    "CLIENT_STATUSES", "ClientDocument", "Placement", "RepresentationConsent", "Submittal", "SubmittalItem",
    "EVENT_STATUSES", "REGISTRATION_STATUSES", "ROUND_KINDS", "CampusEvent", "DriveRound", "Registration",
    "EventStatus", "RegistrationDemographic", "RegistrationStatus", "RoundKind", "RoundResult", "RoundSlot",
    "Activity", "Application", "AuditEvent", "Candidate", "Client", "ClientContact", "CLOSED_STAGES",
    "DEFAULT_STAGES", "DemographicResponse", "EDUCATION_LEVELS", "EMPLOYMENT_TYPES", "ImportBatch", "ImportItem", "ITEM_STATUSES", "Job", "JobStatus", "ProfileCorrection", "Resume", "Role",
    "SOURCES", "StoredFile", "User", "CRITERIA", "OUTBOX_STATUSES", "RECOMMENDATIONS", "EmailTemplate", "Interview",
    "InterviewAssignment", "Mention", "OutboxMessage", "PipelineStage", "RejectionReason", "SavedList", "SavedSearch",
    "CandidateFeatures", "SearchDocument", "SearchTerm", "StageChange", "Tag",
    "DELIVERY_STATUSES", "WebhookDelivery", "WebhookEndpoint", "WebhookEvent",
    "PREFER_NOT", "AuditPublication", "DecisionLogEntry", "SelfIdAnswer", "SelfIdQuestion",
]
