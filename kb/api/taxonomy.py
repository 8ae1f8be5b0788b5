"""Categories and tags: lists for every reader, new categories for admins."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kb import services
from kb.api.base import Api, IsAdmin, ListApi
from kb.api.serializers import ErrorOutput
from kb.models import Category, Tag

ERRORS = {400: ErrorOutput, 401: ErrorOutput, 403: ErrorOutput}


class CategoryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()

    class Meta:
        ref_name = "Category"


class TagOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()

    class Meta:
        ref_name = "Tag"


class CategoryListApi(ListApi):
    @extend_schema(tags=["categories"], summary="List categories", responses={200: CategoryOutput(many=True), **ERRORS})
    def get(self, request: Request) -> Response:
        return self.paginate(Category.objects.order_by("name", "pk"), CategoryOutput)


class CategoryCreateApi(Api):
    permission_classes = [IsAdmin]

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=100, allow_blank=True)
        slug = serializers.CharField(
            max_length=100, allow_blank=True, required=False, help_text="Made from the name if empty."
        )

        class Meta:
            ref_name = "CategoryInput"

    @extend_schema(
        tags=["categories"],
        summary="Create a category",
        description="Admins only.",
        request=InputSerializer,
        responses={201: CategoryOutput, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        category = services.create_category(**serializer.validated_data)
        return Response(CategoryOutput(category).data, status=status.HTTP_201_CREATED)


class TagListApi(ListApi):
    @extend_schema(tags=["tags"], summary="List tags", responses={200: TagOutput(many=True), **ERRORS})
    def get(self, request: Request) -> Response:
        return self.paginate(Tag.objects.order_by("name", "pk"), TagOutput)
