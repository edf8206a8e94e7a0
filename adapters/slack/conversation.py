"""What happens after the ack, one method per Slack surface.

Each method turns the payload into an Incoming, asks the core (router) for a Reply,
and delivers it the native way for that surface:
- `/study …`: ephemeral through the response_url, with "Share in channel";
- `@studybot …` in a channel: in the message's thread (private answers ephemeral);
- a DM: in the DM;
- a button: the command it carries, answered where the button was;
- the Home tab: views.publish; its Search button opens a modal.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import errors, forms, inbound, texts
from adapters.slack.blockkit import SlackMessage, render
from adapters.slack.config import DEFAULT_COMMAND
from adapters.slack.delivery import Delivery, shared_by, unsent
from adapters.slack.handles import ChannelNames, Handles
from adapters.slack.home import HomeTab, search_modal, search_query
from adapters.slack.inbound import Payload, Person
from adapters.slack.names import with_channel_names, with_names
from adapters.slack.patience import FORM, HOME
from adapters.slack.people import SlackPeople
from adapters.slack.seen import SeenEvents
from adapters.slack.shares import ShareStore
from adapters.slack.visibility import channels_seen
from adapters.slack.welcome import Welcomes
from bot.app import Companion
from bot.messages import ChannelRef, Incoming, Reply, Text

log = logging.getLogger(__name__)

Body = dict[str, Any]
# Slack refused the message itself: a shorter, plain one may still go through.
SHOWN_SHORTER = {"invalid_blocks", "msg_too_long", "invalid_attachments"}


class SlackConversation:
    def __init__(self, companion: Companion, delivery: Delivery, shares: ShareStore,
                 people: SlackPeople, seen: SeenEvents, *, command: str = DEFAULT_COMMAND) -> None:
        self.companion = companion
        self.delivery = delivery
        self.shares = shares
        self.people = people
        people.patience = delivery.patience
        self.home = HomeTab(companion.router, companion.catalog.only.title if companion.catalog.only
                            else "Your study companion", command)
        self.seen = seen
        self.handles = Handles(patience=delivery.patience)
        self.channel_names = ChannelNames(delivery.patience)
        self.welcomes = Welcomes(companion.db)
        self.command = command

    async def person(self, client: AsyncWebClient, body: Payload, user_id: str) -> Person:
        return await self.people.get(client, inbound.team_id(body), user_id)

    async def as_typed(self, client: AsyncWebClient, incoming: Incoming) -> Incoming:
        """A typed @name becomes the mention Slack would have sent had it been picked, and
        the channels the text names carry whether Slack shows them to the author."""
        text = await self.handles.resolve(client, incoming.user.tenant.id, incoming.text)
        if text != incoming.text:
            incoming = replace(incoming, text=text)
        if incoming.named_channels:
            seen = await channels_seen(client, incoming.user.id, {i for _, i in incoming.named_channels},
                                       self.delivery.patience)
            incoming = replace(incoming, visible_channels=incoming.visible_channels | seen)
        return incoming

    async def named(self, client: AsyncWebClient, team_id: str, reply: Reply) -> Reply:
        """People and channels in the reply shown by name, not by id, and not pinged
        (adapters.slack.names)."""
        async def name_of(user_id: str) -> str:
            return (await self.people.get(client, team_id, user_id)).display_name

        async def channel_name(channel_id: str) -> str:
            return await self.channel_names.get(client, team_id, channel_id)

        return await with_channel_names(await with_names(reply, name_of), channel_name)

    # ---- slash command -------------------------------------------------------

    async def slash_command(self, body: Body, client: AsyncWebClient) -> None:
        trigger = body.get("trigger_id")
        if trigger and not await self.seen.first_time(f"command:{trigger}"):
            log.info("slack: a slash command arrived again (trigger %s); answered once", trigger)
            return
        person = await self.person(client, body, str(body.get("user_id", "")))
        incoming = await self.as_typed(client, inbound.slash_command(body, person))
        reply = await self.companion.handle(incoming)
        await self.answer_privately(client, incoming, reply, str(body.get("response_url", "")),
                                    shareable=not incoming.channel.is_direct)

    async def answer_privately(self, client: AsyncWebClient, incoming: Incoming, reply: Reply,
                               response_url: str, *, shareable: bool, replace_original: bool = False) -> None:
        if not reply.parts:  # a deliberately quiet answer (flood control): send nothing
            return
        reply = await self.named(client, incoming.user.tenant.id, reply)
        share_id = await self._kept_for_sharing(incoming, reply) if shareable and not reply.private else None
        message = render(reply, share_id=share_id, image_note=texts.picture_sent_to_dm())
        problem = await self.delivery.respond_ephemeral(response_url, message,
                                                        replace_original=replace_original)
        if problem is not None:
            await self.delivery.instead_in_dm(client, incoming.user.tenant.id, incoming.user.id,
                                              render(reply, image_note=texts.picture_sent_to_dm()),
                                              incoming.channel.id, problem)
        await self.delivery.pictures_to_dm(client, incoming.user.tenant.id, incoming.user.id, message.images)

    async def _kept_for_sharing(self, incoming: Incoming, reply: Reply) -> str | None:
        """The share id, or None when the database cannot keep the answer: then it goes
        out without its Share button rather than not at all."""
        try:
            return await self.shares.keep(incoming.user.tenant, render(reply).payload())
        except Exception as error:
            log.warning("slack: answer sent without Share in channel, it could not be kept: %s", error)
            return None

    # ---- mentions and DMs ----------------------------------------------------

    async def mention(self, body: Body, client: AsyncWebClient, bot_user_id: str | None) -> None:
        event = body.get("event") or {}
        in_dm = str(event.get("channel", "")).startswith("D")
        if in_dm or not await self.seen.first_time(body.get("event_id")):
            return  # a DM is answered as a DM message, once
        person = await self.person(client, body, str(event.get("user", "")))
        incoming = await self.as_typed(client, inbound.app_mention(body, bot_user_id, person))
        reply = await self.companion.handle(incoming)
        channel, thread = incoming.channel.id, incoming.channel.thread
        if not reply.parts:  # a deliberately quiet answer (flood control): send nothing
            return
        reply = await self.named(client, incoming.user.tenant.id, reply)
        team, user_id = incoming.user.tenant.id, incoming.user.id
        if reply.private:
            message = render(reply, image_note=texts.picture_sent_to_dm())
            problem = await self.delivery.post_ephemeral(client, channel, user_id, message,
                                                         inbound.thread_it_was_in(body))
            if problem is not None:
                await self.delivery.instead_in_dm(client, team, user_id, message, channel, problem)
            await self.delivery.pictures_to_dm(client, team, user_id, message.images)
            return
        message = render(reply)
        problem = await self.delivery.post(client, channel, message, thread)
        if problem is not None:
            await self.delivery.instead_in_dm(client, team, user_id, message, channel, problem)
            return
        await self.delivery.pictures(client, channel, message.images, thread)

    async def direct_message(self, body: Body, client: AsyncWebClient, bot_user_id: str | None) -> None:
        event = body.get("event") or {}
        if not inbound.is_human_direct_message(event) or not await self.seen.first_time(body.get("event_id")):
            return
        person = await self.person(client, body, str(event.get("user", "")))
        incoming = await self.as_typed(client, inbound.direct_message(body, bot_user_id, person))
        await self.answer_in_dm(client, incoming, await self.companion.handle(incoming))

    async def answer_in_dm(self, client: AsyncWebClient, incoming: Incoming, reply: Reply) -> None:
        if not reply.parts:  # a deliberately quiet answer (flood control): send nothing
            return
        message = render(await self.named(client, incoming.user.tenant.id, reply))
        channel, thread = incoming.channel.id, incoming.channel.thread
        problem = await self.delivery.post(client, channel, message, thread)
        if problem is not None and problem.code in SHOWN_SHORTER:
            # Slack refused this layout; a few plain words still tell them what happened.
            problem = await self.delivery.post(client, channel, SlackMessage(texts.answer_refused(), ()),
                                               thread)
        if problem is None:
            await self.delivery.pictures(client, channel, message.images, thread)

    # ---- buttons -------------------------------------------------------------

    async def button(self, body: Body, client: AsyncWebClient) -> None:
        """A button carrying a command: run it and answer where the button was."""
        command = _action_value(body)
        if (body.get("container") or {}).get("type") == "view":
            await self.publish_home(body, client, command)
            return
        person = await self.person(client, body, inbound.action_user_id(body))
        incoming = inbound.interaction(body, command, person)
        reply = await self.companion.router.run_command_line(incoming, command)
        response_url = str(body.get("response_url") or "")
        in_ephemeral = bool((body.get("container") or {}).get("is_ephemeral"))
        if incoming.channel.is_direct and not in_ephemeral:
            await self.answer_in_dm(client, incoming, reply)
        elif response_url:
            # Answer only the clicker: replace their own ephemeral, or add a new one.
            await self.answer_privately(client, incoming, reply, response_url,
                                        shareable=not incoming.channel.is_direct,
                                        replace_original=in_ephemeral)

    async def share(self, body: Body, client: AsyncWebClient) -> None:
        """The kept answer, for everyone. It is taken (so a double click cannot post it
        twice) and put back when Slack surely did not post it, so a later click can."""
        response_url = str(body.get("response_url") or "")
        tenant, share_id = inbound.tenant(body), _action_value(body)
        payload = await self.shares.take(tenant, share_id)
        if payload is None:
            await self.tell_clicker(body, client, response_url, texts.share_expired())
            return
        name = str((body.get("user") or {}).get("name") or (body.get("user") or {}).get("username") or "")
        problem = await self.delivery.respond(response_url, {
            **shared_by(payload, name), "response_type": "in_channel", "replace_original": False})
        if problem is None:
            await self.delivery.respond(response_url, {"delete_original": True})
        elif problem.maybe_done:
            await self.shares.put_back(tenant, share_id, payload)
            await self.tell_clicker(body, client, response_url, texts.share_unclear())
        else:
            await self.shares.put_back(tenant, share_id, payload)
            await self.tell_clicker(body, client, response_url, texts.share_failed())

    async def tell_clicker(self, body: Body, client: AsyncWebClient, response_url: str, said: str) -> None:
        """A short private note to whoever clicked: where they clicked, else in their DM."""
        message = SlackMessage(said, ())
        problem = await self.delivery.respond_ephemeral(response_url, message)
        if problem is not None:
            where = str((body.get("channel") or {}).get("id") or "")
            await self.delivery.instead_in_dm(client, inbound.team_id(body), inbound.action_user_id(body),
                                              message, where, problem)

    async def to_dm(self, body: Body, client: AsyncWebClient, command: str | None = None) -> None:
        """Run a command and answer in the person's DM (Home buttons, search results)."""
        team, user_id = inbound.team_id(body), inbound.action_user_id(body)
        command = command if command is not None else _action_value(body)
        dm = await self.delivery.dm_channel(client, team, user_id)
        if dm is None:
            log.warning("slack: no DM with %s; answering `%s` in their Home tab instead", user_id, command)
            await self.publish_home(body, client, command, user_id)
            return
        incoming = inbound.interaction(body, command, await self.person(client, body, user_id), dm)
        await self.answer_in_dm(client, incoming, await self.companion.router.run_command_line(
            incoming, command))

    # ---- forms: buttons that ask for text first ------------------------------

    async def open_form(self, body: Body, client: AsyncWebClient) -> None:
        """The click's form, opened with its trigger_id, which lasts 3 seconds and works once."""
        where = body.get("channel") or {}
        channel = str(where.get("id") or "")
        value = _action_value(body)
        view = forms.answer_form(value, channel, inbound.is_direct_channel(channel, where.get("name")))
        if view is None:
            log.warning("slack: a click on a form button carried no form: %.60s", value)
            return
        try:
            await self.delivery.patience.call(lambda: client.views_open(
                trigger_id=str(body.get("trigger_id", "")), view=view), FORM, repeatable=True)
        except Exception as error:
            log.warning("slack: a form did not open (%s)", unsent(errors.describe(error)))
            await self.tell_clicker(body, client, str(body.get("response_url") or ""),
                                    texts.form_failed(forms.typed_instead(view)))

    async def form_submitted(self, body: Body, client: AsyncWebClient) -> None:
        """The form's command with what was typed, answered privately where the button was."""
        asked = forms.submitted(body.get("view") or {})
        if asked is None:
            return
        user_id = inbound.action_user_id(body)
        incoming = inbound.interaction(body, asked.line, await self.person(client, body, user_id))
        incoming = replace(incoming, channel=ChannelRef(incoming.user.tenant, asked.channel,
                                                        is_direct=asked.direct))
        reply = await self.companion.router.run_command_line(incoming, asked.line)
        if asked.direct:
            await self.answer_in_dm(client, incoming, reply)
            return
        message = render(await self.named(client, incoming.user.tenant.id, reply))
        problem = await self.delivery.post_ephemeral(client, asked.channel, user_id, message)
        if problem is not None:
            await self.delivery.instead_in_dm(client, incoming.user.tenant.id, user_id, message,
                                              asked.channel, problem)

    # ---- App Home and search -------------------------------------------------

    async def home_opened(self, body: Body, client: AsyncWebClient) -> None:
        """Either tab: a welcome in the DM the first time; the Home tab: publish it."""
        event = body.get("event") or {}
        team, user_id = inbound.team_id(body), str(event.get("user", ""))
        self.delivery.remember_dm_channel(team, user_id, str(event.get("channel", "")))
        if await self.welcomes.first_time(inbound.tenant(body), user_id):
            dm = await self.delivery.dm_channel(client, team, user_id)
            if dm:
                await self.delivery.post(client, dm, render(Reply.of(Text(texts.welcome(self.command)))))
        if event.get("tab") == "home":
            await self.publish_home(body, client, "week", user_id)

    async def grant_picked(self, body: Body, client: AsyncWebClient) -> None:
        """Someone picked in Home's "make a facilitator" menu: granted, answered in the DM."""
        picked = str(((body.get("actions") or [{}])[0]).get("selected_user") or "")
        if picked:
            await self.to_dm(body, client, f"group grant <@{picked}>")

    async def publish_home(self, body: Body, client: AsyncWebClient, command: str,
                           user_id: str | None = None) -> None:
        team, user_id = inbound.team_id(body), user_id or inbound.action_user_id(body)
        dm = await self.delivery.dm_channel(client, team, user_id)
        person = await self.person(client, body, user_id)
        incoming = inbound.interaction(body, command, person, dm or f"home-{user_id}", user_id=user_id)
        view = await self.home.view(incoming, command,
                                    dress=lambda reply: self.named(client, team, reply))
        try:
            # Publishing the same view again is harmless, so a 5xx is retried too.
            await self.delivery.patience.call(lambda: client.views_publish(user_id=user_id, view=view),
                                              HOME, repeatable=True)
        except Exception as error:
            log.warning("slack: the Home tab of %s still shows its last version: %s", user_id,
                        unsent(errors.describe(error)))

    async def open_search(self, body: Body, client: AsyncWebClient) -> None:
        word = _action_value(body) or self.home.search_word() or "search"
        try:
            # A trigger_id works once and for 3 seconds: a repeat cannot open two forms.
            await self.delivery.patience.call(lambda: client.views_open(
                trigger_id=str(body.get("trigger_id", "")), view=search_modal(word)), FORM, repeatable=True)
        except Exception as error:
            failure = errors.describe(error)
            log.warning("slack: the search form did not open (%s); telling them in their DM", unsent(failure))
            dm = await self.delivery.dm_channel(client, inbound.team_id(body), inbound.action_user_id(body))
            if dm:
                await self.delivery.post(client, dm, SlackMessage(texts.search_form_failed(word), ()))

    async def search_submitted(self, body: Body, client: AsyncWebClient) -> None:
        view = body.get("view") or {}
        query = search_query(view)
        word = str(view.get("private_metadata") or self.home.search_word() or "search")
        if query:
            await self.to_dm(body, client, f"{word} {query}")


def _action_value(body: Payload) -> str:
    actions = body.get("actions") or [{}]
    return str(actions[0].get("value") or "")

