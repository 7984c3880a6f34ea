"""A tiny Flask service that stores URLs and reports their HTTP status."""
import os

import requests
from dotenv import load_dotenv
from flask import Flask, jsonify, request
from sqlalchemy import Column, Integer, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Session

load_dotenv()
engine = create_engine(os.environ.get("DATABASE_URL", "sqlite:///links.db"))


class Base(DeclarativeBase):
    pass


class Link(Base):
    __tablename__ = "links"
    id = Column(Integer, primary_key=True)
    url = Column(String(2048), nullable=False)


Base.metadata.create_all(engine)
app = Flask(__name__)


@app.post("/links")
def add_link():
    with Session(engine) as session:
        link = Link(url=request.get_json()["url"])
        session.add(link)
        session.commit()
        return jsonify(id=link.id), 201


@app.get("/links")
def list_links():
    with Session(engine) as session:
        rows = session.scalars(select(Link)).all()
    out = []
    for link in rows:
        try:
            status = requests.head(link.url, timeout=5, allow_redirects=True).status_code
        except requests.RequestException:
            status = None
        out.append({"id": link.id, "url": link.url, "status": status})
    return jsonify(out)
