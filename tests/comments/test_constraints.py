"""The database itself refuses a comment status the moderation does not know."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from comments.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_an_unknown_comment_status():
    # An unknown status would hide the comment from readers and from every admin filter.
    comment = CommentFactory(status=Comment.Status.PENDING)

    with pytest.raises(IntegrityError, match="comment_status_valid"), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(status="bogus")

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
