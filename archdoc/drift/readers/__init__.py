"""One module per AWS service: the :class:`~archdoc.drift.reader.KindReader` of every kind it
reads, in ``READERS`` (kind -> reader). A kind's entry in ``archdoc.kinds`` names its module."""
