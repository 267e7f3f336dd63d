"""The engine of mail intelligence (pure Python, no Django): seniority, decision makers, reporting lines,
influence and relationship strength inferred from mail and meeting records. See docs/mail.md."""

from battlemap.inference.engine import customer_domains_for, infer
from battlemap.inference.results import Inference, PersonInference, person_json

__all__ = ["Inference", "PersonInference", "customer_domains_for", "infer", "person_json"]
