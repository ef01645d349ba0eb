FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY forum ./forum
COPY workers ./workers
RUN pip install --no-cache-dir .
ENV FORUM_HOST=0.0.0.0
# FORUM_SECRET_KEY comes from the environment at run time (never baked into the image):
#   docker run -e FORUM_SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')" ...
# On 0.0.0.0, `forum serve` refuses to start without it (or with one under 32 characters).
EXPOSE 8000
CMD ["forum", "serve"]
