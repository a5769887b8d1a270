// Every text of the station screens, in German and English (both must have the same keys).
import type { Dictionary } from "../lib/i18n.ts";

type Key =
  | "title"
  | "chooseStation"
  | "pickupView"
  | "openCount"
  | "unknownStation"
  | "back"
  | "stationOnly"
  | "loading"
  | "connecting"
  | "open"
  | "noOpen"
  | "partlyDone"
  | "partlyDoneHint"
  | "completed"
  | "noCompleted"
  | "allDay"
  | "nothingOpen"
  | "bump"
  | "reopen"
  | "itemDone"
  | "allItemsDone"
  | "waiter"
  | "ageAria"
  | "siblingOpen"
  | "siblingDone"
  | "history"
  | "historySearch"
  | "historyHint"
  | "historyEmpty"
  | "historyCount"
  | "stateOpen"
  | "stateDone"
  | "statePickedUp"
  | "soundOn"
  | "soundOff"
  | "enableSound"
  | "wakeLockOn"
  | "wakeLockOff"
  | "wakeLockUnsupported"
  | "help"
  | "helpTitle"
  | "helpSelect"
  | "helpNumbers"
  | "helpEnter"
  | "helpUndo"
  | "helpTap"
  | "helpItem"
  | "helpHelp"
  | "close"
  | "undone"
  | "nothingToUndo"
  | "bumped"
  | "pickupTitle"
  | "pickupEmpty"
  | "pickedUp"
  | "readyAt"
  | "readyFor"
  | "table"
  | "orderNumber"
  | "failed"
  | "voidMark"
  | "orderedQty"
  | "partTo"
  | "partAria"
  | "closedOrder"
  | "allVoided"
  | "allStations"
  | "allStationsHint"
  | "moreBelow"
  | "display"
  | "displayNormal"
  | "displayLarge"
  | "displayDense"
  | "sessionEnded";

export const barStrings: Dictionary<Key> = {
  de: {
    title: "Theke & Küche",
    chooseStation: "Station wählen",
    pickupView: "Abholung (Läufer)",
    openCount: "{n} offen",
    unknownStation: "Diese Station gibt es nicht: {id}",
    back: "Zurück",
    stationOnly: "Angemeldet als Bedienung ({name}). Die Stationsbildschirme brauchen die Stations-PIN.",
    loading: "Lädt …",
    connecting: "Verbinde …",
    open: "Offen",
    noOpen: "Keine offenen Bons",
    partlyDone: "Wartet auf andere Stationen",
    partlyDoneHint: "Hier fertig, {stations} arbeitet noch",
    completed: "Zuletzt erledigt",
    noCompleted: "Noch nichts erledigt",
    allDay: "Offen gesamt",
    nothingOpen: "Nichts offen",
    bump: "Fertig",
    reopen: "Zurückholen",
    itemDone: "erledigt",
    allItemsDone: "Alles erledigt – Bon abschließen",
    waiter: "Bedienung",
    ageAria: "Alter {age}",
    siblingOpen: "{station}: in Arbeit",
    siblingDone: "{station}: fertig",
    history: "Verlauf",
    historySearch: "Tisch oder Produkt suchen",
    historyHint: "Alle Bons dieser Station, neueste zuerst.",
    historyEmpty: "Keine Bons gefunden",
    historyCount: "{n} Bons",
    stateOpen: "offen",
    stateDone: "fertig",
    statePickedUp: "abgeholt",
    soundOn: "Ton an",
    soundOff: "Ton aus",
    enableSound: "Ton einschalten",
    wakeLockOn: "Bildschirm bleibt an",
    wakeLockOff: "Bildschirm kann ausgehen",
    wakeLockUnsupported: "Bildschirmsperre nicht abschaltbar (braucht HTTPS) – Ruhezustand am Gerät ausschalten",
    help: "Hilfe",
    helpTitle: "Bedienung mit Tastatur oder Ziffernblock",
    helpSelect: "← → ↑ ↓: Bon auswählen",
    helpNumbers: "1 … 9: Bon Nummer 1 bis 9 auswählen",
    helpEnter: "Enter oder +: ausgewählten Bon fertig melden",
    helpUndo: "Rücktaste, U oder −: letzten Schritt zurücknehmen",
    helpTap: "Antippen: „Fertig“ schließt den ganzen Bon, „Zurückholen“ öffnet ihn wieder",
    helpItem: "Eine Zeile antippen: nur diese Position erledigt (noch einmal: zurück)",
    helpHelp: "? oder H: diese Hilfe",
    close: "Schließen",
    undone: "Zurückgeholt: {table}",
    nothingToUndo: "Nichts zum Zurücknehmen",
    bumped: "Fertig: {table}",
    pickupTitle: "Abholung",
    pickupEmpty: "Nichts zum Abholen",
    pickedUp: "Abgeholt",
    readyAt: "fertig seit {age}",
    readyFor: "Fertig für Tisch {table} ({station})",
    table: "Tisch",
    orderNumber: "Nr. {n}",
    failed: "Hat nicht geklappt",
    voidMark: "Storno −{n}",
    orderedQty: "{n} bestellt",
    partTo: "{n}× → {table}",
    partAria: "{n} an Tisch {table}",
    closedOrder: "abgeschlossen",
    allVoided: "alles storniert",
    allStations: "Alle Stationen",
    allStationsHint: "Alle Bons auf einem Bildschirm",
    moreBelow: "+{n} weitere",
    display: "Ansicht: {mode} (antippen zum Wechseln)",
    displayNormal: "Normal",
    displayLarge: "Groß",
    displayDense: "Kompakt",
    sessionEnded: "Die Anmeldung wurde beendet ({reason}). Bitte neu anmelden.",
  },
  en: {
    title: "Bar & kitchen",
    chooseStation: "Choose a station",
    pickupView: "Pickup (runners)",
    openCount: "{n} open",
    unknownStation: "There is no station {id}",
    back: "Back",
    stationOnly: "Logged in as a waiter ({name}). The station screens need the station PIN.",
    loading: "Loading …",
    connecting: "Connecting …",
    open: "Open",
    noOpen: "No open tickets",
    partlyDone: "Waiting for other stations",
    partlyDoneHint: "Done here, {stations} still working",
    completed: "Recently done",
    noCompleted: "Nothing done yet",
    allDay: "All day",
    nothingOpen: "Nothing open",
    bump: "Done",
    reopen: "Reopen",
    itemDone: "done",
    allItemsDone: "All items done – close the ticket",
    waiter: "Waiter",
    ageAria: "Age {age}",
    siblingOpen: "{station}: working",
    siblingDone: "{station}: done",
    history: "History",
    historySearch: "Search table or product",
    historyHint: "Every ticket of this station, newest first.",
    historyEmpty: "No tickets found",
    historyCount: "{n} tickets",
    stateOpen: "open",
    stateDone: "done",
    statePickedUp: "picked up",
    soundOn: "Sound on",
    soundOff: "Sound off",
    enableSound: "Enable sound",
    wakeLockOn: "Screen stays on",
    wakeLockOff: "Screen may sleep",
    wakeLockUnsupported: "Cannot keep the screen on (needs HTTPS) – turn off sleep in the device settings",
    help: "Help",
    helpTitle: "Keyboard and keypad",
    helpSelect: "← → ↑ ↓: select a ticket",
    helpNumbers: "1 … 9: select ticket number 1 to 9",
    helpEnter: "Enter or +: mark the selected ticket done",
    helpUndo: "Backspace, U or −: undo the last step",
    helpTap: "Tap: “Done” closes the whole ticket, “Reopen” brings it back",
    helpItem: "Tap a line: only that item is done (tap again: undo)",
    helpHelp: "? or H: this help",
    close: "Close",
    undone: "Reopened: {table}",
    nothingToUndo: "Nothing to undo",
    bumped: "Done: {table}",
    pickupTitle: "Pickup",
    pickupEmpty: "Nothing to pick up",
    pickedUp: "Picked up",
    readyAt: "ready for {age}",
    readyFor: "Ready for table {table} ({station})",
    table: "Table",
    orderNumber: "No. {n}",
    failed: "That did not work",
    voidMark: "Void −{n}",
    orderedQty: "{n} ordered",
    partTo: "{n}× → {table}",
    partAria: "{n} to table {table}",
    closedOrder: "closed",
    allVoided: "all voided",
    allStations: "All stations",
    allStationsHint: "Every ticket on one screen",
    moreBelow: "+{n} more",
    display: "View: {mode} (tap to change)",
    displayNormal: "Normal",
    displayLarge: "Large",
    displayDense: "Dense",
    sessionEnded: "Your login was ended ({reason}). Please log in again.",
  },
};
