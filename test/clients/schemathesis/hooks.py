"""Schemathesis hooks for fuzzing the simulator (loaded through SCHEMATHESIS_HOOKS).

- Every request asks for the dated version the document gives the operation's success
  answer, as real clients do; without it Atlas (and the simulator) answers 406 to all.
- Path parameters are either what Schemathesis generated or the ids of resources made
  for the run (ATLAS_FUZZ_IDS), so operations reach their rules and not only the
  "not found" answers. The caller's own credentials are never among them.
- Every answer must be an Atlas answer: JSON, and for a 4xx the Atlas error body.
"""
import json
import os

import schemathesis
from hypothesis import strategies as st

IDS = json.loads(os.environ.get("ATLAS_FUZZ_IDS", "{}"))


def _success_media_type(case):
    responses = case.operation.definition.raw.get("responses", {})
    for status in sorted(responses):
        if status.startswith("2"):
            content = responses[status].get("content", {})
            for media_type in content:
                return media_type
    return None


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    media_type = _success_media_type(case)
    if media_type:
        case.headers = {**(case.headers or {}), "Accept": media_type}


@schemathesis.hook
def flatmap_path_parameters(ctx, path_parameters):
    if not path_parameters:
        return st.just(path_parameters)
    known = {name: IDS[name] for name in path_parameters if name in IDS}
    if not known:
        return st.just(path_parameters)
    return st.sampled_from([path_parameters, {**path_parameters, **known}])


ERROR_KEYS = {"detail", "error", "errorCode", "reason"}


@schemathesis.check
def atlas_answer(ctx, response, case):
    """No 5xx; a JSON body (or none) on /api/atlas/v2; an Atlas error body on a 4xx."""
    if response.status_code >= 500:
        raise AssertionError(f"{response.status_code} from the simulator")
    if not response.content:
        return None
    try:
        body = json.loads(response.content)
    except ValueError as exc:
        raise AssertionError(f"{response.status_code} with a body that is not JSON: {response.content[:200]!r}") from exc
    if isinstance(body, dict) and set(body) == {"content", "status"}:
        # envelope=true: the answer under `content`, the HTTP status beside it.
        if body["status"] != response.status_code:
            raise AssertionError(f"envelope status {body['status']} on a {response.status_code}")
        body = body["content"]
    if 400 <= response.status_code < 500:
        if not isinstance(body, dict) or not ERROR_KEYS <= body.keys():
            raise AssertionError(f"{response.status_code} without an Atlas error body: {str(body)[:200]}")
        if body["error"] != response.status_code:
            raise AssertionError(f"error {body['error']} in the body of a {response.status_code}")
    return None
