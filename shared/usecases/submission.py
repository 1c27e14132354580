"""Use case: accept one citizen's response (validate, then create-if-absent)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from typing import Any, Protocol

from pydantic import ValidationError

from shared.rules.abuse import Counter, RateLimiter
from shared.rules.periods import Period
from shared.rules.records import StoredResponse, SubmissionIn, Unit, new_receipt
from shared.rules.vocabulary import Channel
from shared.text import messages
from shared.text.validation import FieldError, InvalidInput, from_pydantic


class UnknownUnit(Exception):
    pass


class Units(Protocol):
    def get_unit(self, unit_id: str) -> Unit | None: ...


class ResponseStore(Protocol):
    def create_response(
        self, response: StoredResponse, counted: Sequence[tuple[Counter, int]] = ()
    ) -> tuple[StoredResponse, bool, dict[str, int]]: ...
    def add_flags(self, response_id: str, flags: list[str]) -> None: ...


@dataclass(frozen=True)
class Client:
    """Who is submitting, as far as abuse controls need: the address is only ever hashed."""

    address: str
    flags: tuple[str, ...] = ()  # found before the answers were read (honeypot, fill time)
    channel: Channel = "web"
    device_id: str | None = None  # a registered kiosk: counted by its device, not its address

    @property
    def counted_as(self) -> str:
        return f"device:{self.device_id}" if self.device_id else self.address


@dataclass(frozen=True)
class Accepted:
    receipt: str
    quarter: str
    created: bool  # False when the same submission_id was stored before
    has_suggestion: bool = False


def parse(body: object) -> SubmissionIn:
    lang = messages.pick_lang(body.get("lang")) if isinstance(body, dict) else "id"
    if not isinstance(body, dict):
        raise InvalidInput([FieldError("body", messages.message("not_an_object", lang))])
    try:
        return SubmissionIn.model_validate(body)
    except ValidationError as error:
        raise from_pydantic(error, lang) from None


def check_answers(submission: SubmissionIn, unit: Unit) -> None:
    """Every item of every survey the unit runs answered on its scale, nothing else."""
    errors = answer_errors(submission.answers, unit, submission.lang)
    if errors:
        raise InvalidInput(errors)


def answer_errors(answers: Mapping[str, Any], unit: Unit, lang: str) -> list[FieldError]:
    """What is wrong with the answers, question by question (a score that is not a whole
    number is the model's to report)."""
    errors = []
    expected = {}
    for questionnaire in unit.questionnaires():
        for code in questionnaire.codes:
            expected[code] = questionnaire.scale
    for code, scale in expected.items():
        score = answers.get(code)
        if score is None:
            errors.append(FieldError(f"answers.{code}", messages.message("choose_answer", lang)))
        elif type(score) is int and not scale.min <= score <= scale.max:
            errors.append(
                FieldError(f"answers.{code}", messages.message("answer_range", lang, min=scale.min, max=scale.max))
            )
    for code in answers.keys() - expected.keys():
        errors.append(FieldError(f"answers.{code}", messages.message("unknown_item", lang)))
    return errors


def parse_for(body: object, units: Units) -> SubmissionIn:
    """`parse`, and when the body is refused, the unanswered questions too: a citizen sees
    every mistake at once, not the age first and the missing answers after."""
    try:
        return parse(body)
    except InvalidInput as invalid:
        if not isinstance(body, dict):
            raise
        fields = {error.field for error in invalid.errors}
        unit_id, answers = body.get("unit_id"), body.get("answers")
        unit = units.get_unit(unit_id) if isinstance(unit_id, str) and isinstance(answers, dict) else None
        if unit is None or not isinstance(answers, dict):
            raise
        lang = messages.pick_lang(body.get("lang"))
        more = [error for error in answer_errors(answers, unit, lang) if error.field not in fields]
        raise InvalidInput([*invalid.errors, *more]) from None


def accept(
    body: object,
    units: Units,
    store: ResponseStore,
    limiters: Sequence[RateLimiter] = (),
    client: Client | None = None,
    now: datetime | None = None,
    *,
    zone: tzinfo,
) -> Accepted:
    """Validate a submission and store it once; a repeated submission_id returns the first receipt.

    Raises InvalidInput (422), UnknownUnit (404) or RateLimited (429) before anything is written.
    The client must be inside every limiter's window (a minute's and a day's, say).
    """
    now = now or datetime.now(timezone.utc)
    moment = now.timestamp()
    submission = parse_for(body, units)
    counters = [(lim, lim.counter(client.counted_as, submission.unit_id, moment)) for lim in limiters] if client else []
    for limiter, counter in counters:
        limiter.check(counter, moment)
    unit = units.get_unit(submission.unit_id)
    if unit is None or not unit.active:
        raise UnknownUnit(submission.unit_id)
    check_answers(submission, unit)
    response = StoredResponse(
        response_id=submission.submission_id,
        unit_id=unit.unit_id,
        quarter=Period.of(now, zone=zone).key,  # on the region's calendar
        receipt=new_receipt(),
        questionnaires={q.survey: q.version for q in unit.questionnaires()},
        answers=submission.answers,
        profile=submission.profile,
        suggestion=submission.suggestion,
        flags=list(client.flags) if client else [],
        channel=client.channel if client else "api",
        device_id=client.device_id if client else None,
        complaint_status="baru" if submission.suggestion else None,
    )
    counted = [(counter, limiter.record(counter, moment)) for limiter, counter in counters]
    try:
        stored, created, shared_counts = store.create_response(response, [c for c in counted if c[1] > 0])
    except BaseException:  # not stored (an outage): not counted either
        for limiter, counter in counters:
            limiter.unrecord(counter)
        raise
    for limiter, counter in counters:
        if created:
            limiter.observe(counter, shared_counts.get(counter.key, 0))
        else:
            limiter.unrecord(counter)
    # The same answer everywhere is never a reason on its own: satisfied citizens at a busy
    # counter behind one address tick "Sangat baik" throughout (issue 15).
    return Accepted(stored.receipt, stored.quarter, created, bool(stored.suggestion))
