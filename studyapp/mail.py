"""The development e-mail backend: Django's console backend, printing Korean as text.

Python picks base64 for any text body with a line over 78 bytes, which a Korean sentence of 26 syllables
already is, so the console showed verification links inside unreadable base64. Here the message is
rendered with UTF-8 headers and 8bit bodies up to RFC 5322's 998-byte line limit. Only the console: SMTP
keeps Django's 7-bit-safe rendering (email.policy.SMTP), which every mail server accepts.
"""

import email.policy

from django.core.mail.backends import console

READABLE = email.policy.default.clone(utf8=True, max_line_length=998)


class ConsoleEmailBackend(console.EmailBackend):
    def write_message(self, message):
        # as_bytes: as_string would turn an 8bit body back into base64.
        text = message.message(policy=READABLE).as_bytes().decode()
        self.stream.write(f"{text}\n{'-' * 79}\n")
