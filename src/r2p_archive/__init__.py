"""r2p-archive: a searchable archive of statements from the UN General Assembly's
dialogues and debates on the Responsibility to Protect (R2P)."""

__version__ = "0.1.0"
