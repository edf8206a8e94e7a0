"""Getting an answer in front of the person: response_url, a thread, an ephemeral, a DM.

Every call goes through the one outbound policy (adapters.slack.patience). What
happens when a call still fails:
- an answer Slack surely did not take reaches the person another way: their DM with
  studybot, with a line saying why it came there;
- a post Slack may have made anyway (a 5xx, a dropped connection) is looked for in the
  channel before it is posted again (each answer carries a mark in its metadata); if
  Slack cannot tell us, it is not posted again, and the DM copy says it may be a repeat.
Ephemeral messages cannot carry files, so pictures of an ephemeral answer go to the
person's DM with studybot, and the answer says so where the picture stood.
"""

from __future__ import annotations

import logging
import secrets
from functools import partial
from typing import Any

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import blockkit, errors, mrkdwn, texts
from adapters.slack.blockkit import SlackMessage
from adapters.slack.errors import Failure, ResponseUrlError
from adapters.slack.patience import ANSWER, RESPONSE_URL, Patience
from adapters.slack.poster import find_marked, upload, upload_may_repeat
from bot.messages import Image

log = logging.getLogger(__name__)

ANSWER_METADATA = "studybot_answer"
RESPONSE_URL_USES = 5  # "up to 5 times within 30 minutes"
RESPONSE_URL_LIFETIME = 30 * 60.0
RESPONSE_URL_TIMEOUT = aiohttp.ClientTimeout(total=10)
Problem = Failure | None  # None: delivered


class Delivery:
    def __init__(self, session: aiohttp.ClientSession, *, patience: Patience | None = None) -> None:
        self.session = session
        self.patience = patience or Patience()
        self._dm_channels: dict[tuple[str, str], str] = {}
        self._response_urls: dict[str, tuple[float, int]] = {}  # first use, uses

    # ---- response_url ---------------------------------------------------------

    async def respond(self, response_url: str, payload: dict[str, Any]) -> Problem:
        """POST to a response_url (slash commands and buttons), waiting out Slack's
        "slow down" within the URL's 30 minutes and 5 uses."""
        if not response_url:
            return Failure("the request came without a response_url", retryable=False, code="no_url")
        try:
            # Replacing or deleting the message the click came from twice changes nothing.
            again_is_harmless = bool(payload.get("replace_original") or payload.get("delete_original"))
            await self.patience.call(partial(self._respond_once, response_url, payload), RESPONSE_URL,
                                     repeatable=again_is_harmless,
                                     started=self._response_urls.get(response_url, (None, 0))[0])
        except Exception as error:
            failure = errors.describe(error)
            log.warning("slack: answer through response_url not delivered: %s", failure.reason)
            return failure
        return None

    async def _respond_once(self, url: str, payload: dict[str, Any]) -> None:
        first, uses = self._response_urls.get(url, (self.patience.clock(), 0))
        if uses >= RESPONSE_URL_USES or self.patience.clock() - first > RESPONSE_URL_LIFETIME:
            raise ResponseUrlError(404, "used_url" if uses >= RESPONSE_URL_USES else "expired_url")
        self._forget_old_urls()
        self._response_urls[url] = (first, uses + 1)
        async with self.session.post(url, json=payload, timeout=RESPONSE_URL_TIMEOUT) as response:
            body = await response.text()
            if response.status >= 400:
                raise ResponseUrlError(response.status, body, _seconds(response.headers.get("Retry-After")))
        if _refused(body):  # HTTP 200 with {"ok": false, ...}: Slack did not take it
            raise ResponseUrlError(200, body)

    def _forget_old_urls(self) -> None:
        # Oldest first: a url is added on its first use and keeps its place after, so the
        # old ones are all at the front and the scan stops at the first young one (a scan
        # of every url took a share of each answer under load).
        now = self.patience.clock()
        old: list[str] = []
        for url, (first, _) in self._response_urls.items():
            if now - first <= RESPONSE_URL_LIFETIME:
                break
            old.append(url)
        for url in old:
            del self._response_urls[url]

    async def respond_ephemeral(self, response_url: str, message: SlackMessage, *,
                                replace_original: bool = False) -> Problem:
        return await self.respond(response_url, {**message.payload(), "response_type": "ephemeral",
                                                 "replace_original": replace_original})

    # ---- Web API posts ----------------------------------------------------------

    async def post(self, client: AsyncWebClient, channel: str, message: SlackMessage,
                   thread_ts: str | None = None) -> Problem:
        """chat.postMessage, marked so that after an unclear failure we can look for it
        before posting again."""
        mark = secrets.token_hex(8)
        marked: dict[str, Any] = {"metadata": {"event_type": ANSWER_METADATA,
                                               "event_payload": {"answer": mark}}}
        for attempt in (1, 2):
            try:
                await self.patience.call(lambda: client.chat_postMessage(
                    channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False,
                    **message.payload(), **marked), ANSWER)
                return None
            except Exception as error:
                failure = errors.describe(error)
            if not failure.maybe_done or attempt == 2:
                break
            try:
                found = await find_marked(client, channel, thread_ts, ANSWER_METADATA, "answer", mark)
            except Exception as error:
                log.warning("slack: an answer in %s may or may not have been posted (%s); Slack "
                            "could not say (%s), so it is not posted again", channel, failure.reason,
                            errors.describe(error).reason)
                return failure
            if found:
                log.info("slack: the answer in %s was posted after all (%s)", channel, failure.reason)
                return None
            log.info("slack: the answer in %s was not posted (%s); posting it again", channel, failure.reason)
        log.warning("slack: could not answer in %s: %s", channel, unsent(failure))
        return failure

    async def post_ephemeral(self, client: AsyncWebClient, channel: str, user: str,
                             message: SlackMessage, thread_ts: str | None = None) -> Problem:
        try:
            await self.patience.call(lambda: client.chat_postEphemeral(
                channel=channel, user=user, thread_ts=thread_ts, **message.payload()), ANSWER)
        except Exception as error:
            failure = errors.describe(error)
            log.warning("slack: could not answer %s privately in %s: %s", user, channel, unsent(failure))
            return failure
        return None

    async def instead_in_dm(self, client: AsyncWebClient, team_id: str, user_id: str, message: SlackMessage,
                            where: str, problem: Failure) -> None:
        """The answer that did not arrive where it was asked, in the person's DM, saying why."""
        # A response_url that failed in a DM still leaves chat.postMessage into that DM.
        dm = await self.dm_channel(client, team_id, user_id)
        if dm is None:
            log.warning("slack: the answer to %s is lost: %s, and there is no other way to reach them",
                        user_id, problem.reason)
            return
        note = texts.maybe_repeat(where) if problem.maybe_done else texts.sent_here_instead(where)
        if await self.post(client, dm, with_note(message, note)) is None:
            log.info("slack: the answer to %s went to their DM instead of %s", user_id, where)

    async def pictures(self, client: AsyncWebClient, channel: str, images: tuple[Image, ...],
                       thread_ts: str | None = None) -> None:
        for image in images:
            try:
                await self.patience.call(partial(upload, client, channel, image, thread_ts), ANSWER,
                                         repeatable=upload_may_repeat)
            except Exception as error:
                log.warning("slack: picture %s not sent to %s: %s", image.filename, channel,
                            unsent(errors.describe(error)))

    async def pictures_to_dm(self, client: AsyncWebClient, team_id: str, user_id: str,
                             images: tuple[Image, ...]) -> None:
        if not images:
            return
        channel = await self.dm_channel(client, team_id, user_id)
        if channel:
            await self.pictures(client, channel, images)

    async def dm_channel(self, client: AsyncWebClient, team_id: str, user_id: str) -> str | None:
        """The id of the person's DM with studybot (it never changes, so it is cached)."""
        key = (team_id, user_id)
        if key not in self._dm_channels:
            try:
                response = await self.patience.call(lambda: client.conversations_open(users=user_id),
                                                    ANSWER, repeatable=True)
            except Exception as error:
                log.warning("slack: cannot open a DM with %s: %s", user_id, errors.describe(error).reason)
                return None
            self._dm_channels[key] = str((response.get("channel") or {}).get("id") or "")
        return self._dm_channels[key] or None

    def remember_dm_channel(self, team_id: str, user_id: str, channel_id: str) -> None:
        if channel_id:
            self._dm_channels[(team_id, user_id)] = channel_id


def unsent(failure: Failure) -> str:
    """Why an answer did not go out, as it is: nothing retries an answer later."""
    if failure.slow_down:
        return f"Slack kept asking us to slow down (Retry-After {failure.retry_after or 1:g} s); not sent"
    return failure.reason.replace("; it will be tried again", "").replace(
        "; it will be sent a little later", "")


def with_note(message: SlackMessage, note: str) -> SlackMessage:
    """The message with a line in front saying why it came here."""
    payload = message.payload()
    # `note` is our own mrkdwn (it may name a channel as <#C…>), so it is not escaped.
    blocks = [blockkit.context(note), *payload.get("blocks", [])][: blockkit.MESSAGE_BLOCKS]
    return SlackMessage(text=f"{note}\n{payload.get('text', '')}", blocks=tuple(blocks),
                        images=message.images)


def shared_by(payload: dict[str, Any], name: str) -> dict[str, Any]:
    """A kept answer, as posted for everyone: with who shared it at the end."""
    note = blockkit.context(mrkdwn.escape(texts.shared_by(name)))
    blocks = [*payload.get("blocks", [])][: blockkit.MESSAGE_BLOCKS - 1]
    return {**payload, "blocks": [*blocks, note]}


def _refused(body: str) -> bool:
    return body.lstrip().startswith("{") and '"ok":false' in body.replace(" ", "")


def _seconds(value: str | None) -> float | None:
    try:
        return max(float(value), 0.0) if value is not None else None
    except ValueError:
        return None
