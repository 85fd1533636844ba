"""Read-only access to a live AWS account: one module per service, collecting only.

``session.AwsReader`` makes every client and refuses any non-read call before it is sent.
``collect.read_account`` runs the service collectors concurrently into one ``Snapshot``;
judging what was read is ``archdoc.drift``'s job.
"""
