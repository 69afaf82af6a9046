"""An e-mail draft (.eml): an :class:`~aftale.views.invitation.Invitation` with its attachments, as MIME bytes.

Written with the standard library's ``email`` package: the headers in RFC 2047 where they hold
Danish letters, the text as UTF-8, each attachment with its media type. ``X-Unsent: 1`` makes
Outlook open the file as a draft to send; there is no Date (the mail program sets it when the
mail is sent), and the boundary and Message-ID come from the invitation, so the bytes never vary.
"""

from __future__ import annotations

from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

from aftale.views.calendar import Attendee
from aftale.views.invitation import Invitation

#: An attachment: its file name, its media type ("application/pdf") and its bytes.
Attachment = tuple[str, str, bytes]


#: SMTP's line endings, with header lines up to RFC 5322's limit of 998 characters: folded at 78, an address list
#: was cut inside a name's encoded word ("J=C3=B8rgens?= =?utf-8?q?en"), which some readers (Python's own among
#: them) then show with a space in the name.
POLICY = SMTP.clone(max_line_length=998)


def write(invitation: Invitation, attachments: Sequence[Attachment]) -> bytes:
    """The .eml file of ``invitation``: the text, then each attachment in order."""
    message = EmailMessage(policy=POLICY)
    message["From"] = _address(invitation.sender)
    if invitation.recipients:
        message["To"] = [_address(person) for person in invitation.recipients]
    message["Subject"] = invitation.subject
    message["X-Unsent"] = "1"
    message["Message-ID"] = invitation.message_id
    message.set_content("\n\n".join(invitation.body) + "\n", charset="utf-8", cte="quoted-printable")
    for name, media_type, data in attachments:
        maintype, subtype = media_type.split("/")
        params = {"method": invitation.calendar.method, "charset": "utf-8"} if media_type == "text/calendar" else {}
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name, params=params)
    for part in message.iter_parts():
        del part["MIME-Version"]  # the message says it once; email repeats it in each part it converts
    message.set_boundary(invitation.boundary)
    return message.as_bytes()


def _address(person: Attendee) -> Address:
    local, _, domain = person.address.rpartition("@")
    return Address(display_name=person.name, username=local, domain=domain)
