{
  "messageId": "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  "type": "__event__.v1",
  "version": 1,
  "occurredAt": "2026-11-22T18:30:00.000Z",
  "correlationId": "0b6f4a36-3c55-4d6e-9a2b-7f1f0c9d2e11",
  "causationId": "5d1e3f0a-8b7c-4a2e-9f10-2c3b4d5e6f70",
  "data": {
    "orderId": "0b6f4a36-3c55-4d6e-9a2b-7f1f0c9d2e11",
    "eventType": "order.created.v1"
  }
}
