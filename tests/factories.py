from __future__ import annotations

import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles import services
from articles.models import Article, Author, Category, Status
from comments.models import Comment


def image_file(name: str = "cover.jpg", *, size=(64, 48), fmt: str = "JPEG", exif=None):
    """A real image upload made with Pillow (optionally carrying EXIF data)."""
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (200, 80, 40)).save(buffer, fmt, **options)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}.get(fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type or "image/gif")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("secret-pass-123")


class SuperuserFactory(UserFactory):
    """Only for what needs a superuser (make run's account); daily work uses the roles below."""

    is_staff = True
    is_superuser = True


def _in_group(name: str):
    def add(user, create, extracted, **kwargs) -> None:
        if create:
            user.groups.add(Group.objects.get(name=name))

    return factory.PostGeneration(add)


class AuthorUserFactory(UserFactory):
    """A writer: staff in the Author group (made by the roles migration), not a superuser."""

    class Meta:
        skip_postgeneration_save = True

    is_staff = True
    first_name = factory.Sequence(lambda n: f"Autorin{n}")
    last_name = "Schreiber"
    role = _in_group("Author")


class EditorUserFactory(UserFactory):
    """An editor: staff in the Editor group, not a superuser."""

    class Meta:
        skip_postgeneration_save = True

    is_staff = True
    role = _in_group("Editor")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Autorin {n}")
    bio = "Berät Unternehmen in Fragen der Organisation."


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Kategorie {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """An article made through the write path (as the system), published an hour ago unless
    ``status`` says otherwise. ``authors=[...]`` and ``tags=[...]`` set byline and tags."""

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Artikel Nummer {n}")
    language = "en"
    summary = "Eine kurze Zusammenfassung."
    body = "Ein Absatz mit **Text**.\n\n- eins\n- zwei\n"
    category = factory.SubFactory(CategoryFactory)
    status = Status.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda o: (
            timezone.now() - timedelta(hours=1)
            if o.status in (Status.PUBLISHED, Status.ARCHIVED)
            else None
        )
    )

    @classmethod
    def _create(cls, model_class, *args, authors=None, tags=(), **kwargs):
        status = kwargs.pop("status")
        published_at = kwargs.pop("published_at")
        article = model_class(*args, **kwargs)
        if status in (Status.DRAFT, Status.REVIEW):
            article.published_at = published_at  # a planned date an editor may have set
        services.article_save(
            article=article, authors=list(authors or [AuthorFactory()]), tags=list(tags), by=None
        )
        if status == Status.REVIEW:
            services.article_submit_for_review(article=article, by=None)
        elif status in (Status.PUBLISHED, Status.ARCHIVED):
            services.article_publish(article=article, by=None, at=published_at)
            if status == Status.ARCHIVED:
                services.article_archive(article=article, by=None)
        return article


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Leserin {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    body = "Danke für den Artikel."
    status = Comment.Status.APPROVED
